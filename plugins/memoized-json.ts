/**
 * A serializer that serializes each object once: for objects that never change once built, such as
 * a catalog entry's summary and detail (services/marketplace/indexed-server.ts), which every search
 * page and every read of that server would otherwise serialize again. Keyed weakly, so an entry
 * replaced by an import takes its JSON with it.
 */
export function memoizedSerializer<T extends object, Serialized = string> (serialize: (value: T) => Serialized): (value: T) => Serialized {
  const serialized = new WeakMap<T, Serialized>()
  return (value) => {
    let json = serialized.get(value)
    if (json === undefined) {
      json = serialize(value)
      serialized.set(value, json)
    }
    return json
  }
}
