export function Chat () {
  return <h1>Mama Bear</h1>
}
