export function MyServers () {
  return <h1>My servers</h1>
}
