export function BriefingScreen () {
  return <h1>Briefing</h1>
}
