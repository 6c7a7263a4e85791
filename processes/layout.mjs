// Adds diagram layout (BPMN DI) to a model that has none, so Cockpit and the Modeler can draw it.
// Usage: npm run layout -- <file.bpmn> [...]
import { readFileSync, writeFileSync } from 'node:fs';
import { layoutProcess } from 'bpmn-auto-layout';

for (const file of process.argv.slice(2)) {
  const xml = readFileSync(file, 'utf8');
  if (xml.includes('bpmndi:BPMNDiagram')) {
    console.log(`${file}: has a layout already, left as it is`);
    continue;
  }
  writeFileSync(file, await layoutProcess(xml));
  console.log(`${file}: layout added`);
}
