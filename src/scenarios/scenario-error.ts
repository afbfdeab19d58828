/** A scenario that cannot be loaded; `path` names the bad field (e.g. partners[0].users[1].email). */
export class ScenarioError extends Error {
  constructor(readonly issues: { path: string; message: string; rejectedValue?: unknown }[]) {
    super(`Invalid scenario: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`)
    this.name = 'ScenarioError'
  }
}
