import { Hono } from 'hono'
import type { AppEnv } from '../env'

// The e-mail verification link page (clicking it verifies the address).
export const emailPages = new Hono<AppEnv>()
