import { buildOpenApi } from './portal/server/opendata/openapi';
import { validate, compileErrors } from '@readme/openapi-parser';
const doc = buildOpenApi('https://sunlight.example.org');
console.log(Object.keys(doc.paths as object).length, 'paths');
console.log(JSON.stringify(Object.keys((doc.components as any).schemas)));
const res = await validate(structuredClone(doc) as never);
console.log(res.valid ? 'valid' : compileErrors(res));
import fs from 'node:fs'; fs.writeFileSync('/tmp/21d-doc.json', JSON.stringify(doc, null, 1));
