/**
 * The claim both outboxes (client_outbound_bericht, signaal_outbox) use: up to $1 due rows, oldest
 * due first, counting the attempt. The lease ($2 ms) pushes next_attempt_at forward, so a relay
 * that dies mid-attempt leaves the row due again once the lease is over; FOR UPDATE SKIP LOCKED
 * lets any number of relays claim side by side without waiting or overlapping.
 */
export function leaseClaimSql(table: string, returning: string): string {
  return `UPDATE ${table} o
          SET attempts = o.attempts + 1, claimed_at = now(), next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE o.id IN (
              SELECT id FROM ${table}
               WHERE status = 'te_verzenden' AND next_attempt_at <= now()
               ORDER BY next_attempt_at, id
               LIMIT $1
               FOR UPDATE SKIP LOCKED)
        RETURNING ${returning}`;
}
