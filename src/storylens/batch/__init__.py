"""Batch runs at scale: the same stages over many inputs, on local processes or Ray.

inputs.py     files to shards (whole files, byte ranges of per-record gzip WARCs and JSONL)
filters.py    date range, language and host filters, each drop with its reason
work.py       the parallel part: read, extract, analyse one shard (models once per worker)
shards.py     Parquet shards with done-markers and a manifest, so a run resumes
(storylens.executors: where parallel work runs, `local` (process pool) or `ray` (Ray Data))
assign.py     the global part: one assignment pass in date order, then the database
compare.py    with --compare: the stories compared in parallel, stored for show and serve
shared_vectors.py  title+lead vectors the workers of a run share through files
run.py        the whole run (`run_batch`)
"""

from storylens.batch.filters import ArticleFilter
from storylens.batch.run import BatchOptions, BatchReport, load_articles, run_batch

__all__ = ["ArticleFilter", "BatchOptions", "BatchReport", "load_articles", "run_batch"]
