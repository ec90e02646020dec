-- pgbench script: the delivery check's block lookup on its own (as preferences/selectors.py
-- recipient_prefs issues it), for a random freelancer and a random sender, organization and
-- identity key of the loaded ranges. bench/run.sh times it at every block-table size.
\set f random(1, 100000)
\set s random(0, 99999)
\set o random(0, 1999)
\set k random(0, 6666)
SELECT scope, sender_id, organization_id, identity_key
  FROM preferences_block
 WHERE freelancer_id = :f
   AND (sender_id = 'c-' || :s
        OR (scope = 'organization' AND organization_id = 'org-' || :o)
        OR (scope = 'linked' AND identity_key = 'idk-' || :k));
