/** Fills a development server with a small sales desk: `npx tsx test/e2e/seed-dev.ts http://127.0.0.1:8001 email password`. */
import { apiAs, seedSalesDesk } from './api.js';

const [origin = 'http://127.0.0.1:8001', email = 'admin@example.com', password = ''] = process.argv.slice(2);
const api = await apiAs(origin, email, password);
const desk = await seedSalesDesk(api);
process.stdout.write(`seeded ${desk.accounts.length} accounts, ${desk.deals.length} deals (tag ${desk.tag})\n`);
