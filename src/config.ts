import { parseArgs } from 'node:util'
import { z } from 'zod'
import { DEFAULT_SCENARIO } from './scenarios/loader'

// Command-line flags, each also readable from an environment variable (flag wins).

export const USAGE = `linkcy-sim: a stateful simulator of the LinkCy partner API

Usage: npm start -- [flags]

  --port <n>        port to listen on                      (PORT, default 8080)
  --host <addr>     address to bind                        (HOST, default 127.0.0.1)
  --db <file>       SQLite file, or :memory:               (LINKCY_SIM_DB, default ./data/linkcy-sim.db)
  --seed <int>      seed of a new world: same seed, same ids (LINKCY_SIM_SEED, default random)
  --scenario <file> scenario loaded into a new database    (LINKCY_SIM_SCENARIO, default fixtures/default.json)
  --quiet           no per-request log lines               (LINKCY_SIM_QUIET=1)
  --help            this text
`

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  db: z.string().min(1).default('./data/linkcy-sim.db'),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
  scenario: z.string().min(1).default(DEFAULT_SCENARIO),
  quiet: z.boolean().default(false),
  help: z.boolean().default(false),
})

export type Config = z.infer<typeof ConfigSchema>

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, seed: { type: 'string' },
      scenario: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  const result = ConfigSchema.safeParse({
    port: values.port ?? env.PORT,
    host: values.host ?? env.HOST,
    db: values.db ?? env.LINKCY_SIM_DB,
    seed: values.seed ?? env.LINKCY_SIM_SEED,
    scenario: values.scenario ?? env.LINKCY_SIM_SCENARIO,
    quiet: values.quiet ?? env.LINKCY_SIM_QUIET === '1',
    help: values.help ?? false,
  })
  if (!result.success) throw new Error(result.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'))
  return result.data
}
