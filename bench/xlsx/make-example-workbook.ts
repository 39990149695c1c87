import { fileURLToPath } from 'node:url';
import { csvToWorkbook } from './csv-to-workbook.ts';

// `pnpm --filter @upsell/bench exec tsx xlsx/make-example-workbook.ts`: examples/shop.xlsx, the
// README's shop.csv as a spreadsheet saves it (dates as date cells, amounts as numbers).
const examples = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
await csvToWorkbook(examples('shop.csv'), examples('shop.xlsx'), 'Orders');
console.log(`wrote ${examples('shop.xlsx')}`);
