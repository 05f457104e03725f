// A result a handler already holds as JSON text: the response carries it verbatim instead of serializing
// a value again. apps.list answers this way, from row texts kept until each row changes
// (daemon supervisor/row-texts.ts), so a busy socket does not serialize the same rows for every request.
export class SerializedResult<T> {
  /** Never set: it only carries the type of the result the text holds. */
  declare readonly value?: T;

  constructor(readonly json: string) {}
}
