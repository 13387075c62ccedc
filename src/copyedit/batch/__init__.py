"""Batches of articles, the work ``copyedit batch``, the Dask integration
(:mod:`copyedit.integrations.dask`) and the Spark recipe share: one article into one output row
(:mod:`.articles`), and an archive cut into partitions that workers read, fix and write as Parquet
(:mod:`.partitions`). Needs pyarrow (``pip install '.[dask]'``); nothing here needs Dask.
"""

from .articles import (
    ARTICLE_FORMATS,
    SCHEMA,
    SPARK_SCHEMA,
    STATUS_INPUT_ERROR,
    STATUS_INTERNAL_ERROR,
    STATUS_OK,
    Article,
    BatchSettings,
    decode,
    empty_frame,
    fix_frame,
    fix_frames,
    process_article,
    result_row,
)
from .partitions import (
    INPUT_FORMATS,
    PART_FILE,
    Partition,
    PartitionReport,
    article_warnings,
    count_partition,
    duplicate_ids,
    partition_digest,
    plan_partitions,
    process_partition,
    read_output,
    read_partition,
    run_fingerprint,
)

__all__ = [
    "ARTICLE_FORMATS",
    "INPUT_FORMATS",
    "PART_FILE",
    "SCHEMA",
    "SPARK_SCHEMA",
    "STATUS_INPUT_ERROR",
    "STATUS_INTERNAL_ERROR",
    "STATUS_OK",
    "Article",
    "BatchSettings",
    "Partition",
    "PartitionReport",
    "article_warnings",
    "count_partition",
    "decode",
    "duplicate_ids",
    "empty_frame",
    "fix_frame",
    "fix_frames",
    "partition_digest",
    "plan_partitions",
    "process_article",
    "process_partition",
    "read_output",
    "read_partition",
    "result_row",
    "run_fingerprint",
]
