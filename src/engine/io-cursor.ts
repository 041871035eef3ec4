/**
 * The time cursor of the I/O being processed: a one-element Float64Array shared by the I/O
 * path's components (link timelines, array front end, cache, disks).
 *
 * Why not plain arguments and return values: V8 boxes a double that crosses a non-inlined call
 * boundary into a fresh HeapNumber. An I/O crosses several such boundaries with fractional µs
 * times; as values they cost ~95 bytes of garbage per event and a few percent of run time in
 * GC. Reading and writing a typed-array element never allocates.
 *
 * Protocol: a method documented "advances the cursor" reads `cursor[0]` as the time its request
 * arrives and leaves there the time it is done. A caller that still needs a time after calling
 * another component keeps it in a local first. Single-threaded: one I/O is in flight through
 * the path at a time.
 */
export type IoCursor = Float64Array;

export function createIoCursor(): IoCursor {
  return new Float64Array(1);
}
