// Generated parts of hand-written docs: the text between `<!-- BEGIN generated: NAME -->` and
// `<!-- END generated: NAME -->` belongs to a generator, everything around it to people.

export function replaceMarkedSection(document: string, name: string, body: string, file: string): string {
  const begin = `<!-- BEGIN generated: ${name} (do not edit by hand; npm run generate) -->`;
  const end = `<!-- END generated: ${name} -->`;
  const start = document.indexOf(begin);
  const stop = document.indexOf(end);
  if (start === -1 || stop < start) throw new Error(`${file} has no "${begin}" ... "${end}" section`);
  return `${document.slice(0, start + begin.length)}\n${body.trim()}\n${document.slice(stop)}`;
}
