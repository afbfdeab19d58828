import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { kycPages } from './kyc.page'
import { emailPages } from './email.page'
import { addressPages } from './address.page'
import { termsPages } from './terms.page'
import { phonePages } from './phone.page'
import { cardDisplayPages } from './card-display.page'
import { acquiringPages } from './acquiring.page'

// Pages LinkCy hosts for end-users (KYC link, e-mail verification link), served by the simulator
// under /pages so a person (or a test) can finish them. Not part of LinkCy's API description.
export const pageRoutes = new Hono<AppEnv>()
pageRoutes.route('/pages', kycPages)
pageRoutes.route('/pages', emailPages)
pageRoutes.route('/pages', addressPages)
pageRoutes.route('/pages', termsPages)
pageRoutes.route('/pages', phonePages)
pageRoutes.route('/pages', cardDisplayPages)
pageRoutes.route('/pages', acquiringPages)
