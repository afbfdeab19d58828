import { defineConfig } from 'drizzle-kit'

// Migrations are generated from src/state/db/schema.ts with `npm run db:generate`
// and committed under drizzle/; the simulator applies them at start-up.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/state/db/schema.ts',
  out: './drizzle',
})
