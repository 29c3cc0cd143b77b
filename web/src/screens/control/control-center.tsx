export function ControlCenter () {
  return <h1>Control center</h1>
}
