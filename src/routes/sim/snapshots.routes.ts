import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { SimError } from '../../state/errors'
import { deleteAllSnapshots, deleteSnapshot, getSnapshot, listSnapshots, restoreSnapshot, takeSnapshot, type SnapshotMeta } from '../../state/snapshots'
import { iso } from '../openapi'
import { simBody } from './sim.schemas'

// /_sim/snapshots: save the whole world (data, clock, id stream) and come back to it later — what
// LinkCy's real sandbox cannot do. Storage and restore rules: state/snapshots.ts, docs/fidelity.md.
export const simSnapshotRoutes = new Hono<AppEnv>()

const present = (s: SnapshotMeta) => ({
  id: s.id, name: s.name, createdAt: iso(s.createdAt), sizeBytes: s.sizeBytes, schemaVersion: s.schemaVersion,
})

const TakeSchema = z.strictObject({ name: z.string().min(1).max(200).optional() })

// POST /_sim/snapshots {name?} → 201 {id, name, createdAt (simulator time), sizeBytes, schemaVersion}.
simSnapshotRoutes.post('/snapshots', async (c) => {
  const { name } = await simBody(c.req, TakeSchema)
  return c.json(present(takeSnapshot(c.var.store, name)), 201)
})

// GET /_sim/snapshots → {content, totalElements}, newest (last taken) first.
simSnapshotRoutes.get('/snapshots', (c) => {
  const snapshots = listSnapshots(c.var.store)
  return c.json({ content: snapshots.map(present), totalElements: snapshots.length })
})

// GET /_sim/snapshots/{id} → the snapshot's metadata (SNAPSHOT_NOT_FOUND when unknown).
simSnapshotRoutes.get('/snapshots/:id', (c) => {
  const snapshot = getSnapshot(c.var.store, c.req.param('id'))
  if (!snapshot) throw new SimError('SNAPSHOT_NOT_FOUND', [c.req.param('id')])
  return c.json(present(snapshot))
})

// DELETE /_sim/snapshots/{id} → 204 (SNAPSHOT_NOT_FOUND when unknown).
simSnapshotRoutes.delete('/snapshots/:id', (c) => {
  if (!deleteSnapshot(c.var.store, c.req.param('id'))) throw new SimError('SNAPSHOT_NOT_FOUND', [c.req.param('id')])
  return c.body(null, 204)
})

// DELETE /_sim/snapshots → 204: every snapshot of this world forgotten (files or memory freed).
simSnapshotRoutes.delete('/snapshots', (c) => {
  deleteAllSnapshots(c.var.store)
  return c.body(null, 204)
})

// POST /_sim/snapshots/{id}/restore → 200 {id, name, clock: {now, frozen}}: the world is the snapshot again.
simSnapshotRoutes.post('/snapshots/:id/restore', (c) => {
  const store = c.var.store
  const snapshot = restoreSnapshot(store, c.req.param('id'))
  return c.json({ id: snapshot.id, name: snapshot.name, clock: { now: store.clock.iso(), frozen: store.clock.frozen } })
})
