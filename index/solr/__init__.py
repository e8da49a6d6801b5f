"""SolrCloud search backend: the same queries and results as Whoosh, on a sharded, replicated cluster.

`backend.SolrBackend` implements `index.backend.SearchBackend`; `admin` uploads the configset in
`solr/configset/` and creates the collection; `local_cluster` runs a real two-node cluster on this machine
for tests and benchmarks.
"""
