export function Workspaces () {
  return <h1>Workspaces</h1>
}
