import { authRoutes } from './auth/auth.routes'
import { partnerRoutes } from './partner/partner.routes'
import { consumerRoutes } from './consumers/consumers.routes'
import { corporateRoutes } from './corporates/corporates.routes'
import { verificationRoutes } from './verifications/verifications.routes'
import { kycRoutes } from './kyc/kyc.routes'
import { miscRoutes } from './misc/misc.routes'
import { sandboxPasswordRoutes } from './sandbox/passwords.routes'
import { kycSimulateRoutes } from './sandbox/kyc-simulate.routes'
import { sandboxConsumerRoutes } from './sandbox/consumers.routes'
import { scaRoutes } from './sca/sca.routes'
import { ledgerRoutes } from './ledgers/ledgers.routes'
import { directDebitRoutes } from './mandates/direct-debit.routes'
import { transactionRoutes } from './transactions/transactions.routes'
import { beneficiaryRoutes } from './beneficiaries/beneficiaries.routes'
import { mandateRoutes } from './mandates/mandates.routes'
import { endUserRoutes } from './end-users/end-users.routes'
import { sandboxMoneyRoutes } from './sandbox/money.routes'
import { documentRoutes } from './documents/documents.routes'
import { sandboxCardRoutes } from './sandbox/cards.routes'
import { cardRoutes } from './cards/cards.routes'
import { cardSecretRoutes } from './cards/card-secrets.routes'
import { cardRuleRoutes } from './cards/card-rules.routes'
import { cardProfileRoutes } from './card-profiles/card-profiles.routes'
import { acquiringRoutes } from './acquiring/acquiring.routes'
import { endUserDocumentRoutes } from './end-user-documents/end-user-documents.routes'
import { webPageRoutes } from './web-pages/web-pages.routes'
import { webhookRoutes } from './webhooks/webhooks.routes'
import { corporateRelatedRoutes } from './corporate-related/corporate-related.routes'
import { shareRoutes } from './shares/shares.routes'
import { kybRoutes } from './kyb/kyb.routes'

// Every LinkCy router, mounted at the root (routes carry LinkCy's full /api/partner paths).
// Sandbox routers come before the generic ones so /kyc/simulate is not read as /kyc/{kycId}.
export const apiRouters = [
  authRoutes, sandboxPasswordRoutes, kycSimulateRoutes, sandboxConsumerRoutes, sandboxMoneyRoutes, sandboxCardRoutes,
  partnerRoutes, consumerRoutes, corporateRoutes, verificationRoutes, kycRoutes, miscRoutes, scaRoutes,
  ledgerRoutes, directDebitRoutes, transactionRoutes, beneficiaryRoutes, mandateRoutes, endUserRoutes, documentRoutes,
  cardRuleRoutes, cardProfileRoutes, cardRoutes, cardSecretRoutes, acquiringRoutes, endUserDocumentRoutes, webPageRoutes,
  webhookRoutes, corporateRelatedRoutes, shareRoutes, kybRoutes,
]
