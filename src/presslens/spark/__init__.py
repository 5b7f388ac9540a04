"""PressLens on Apache Spark: the same Pipeline inside PySpark, writing the export tables.

``presslens spark INPUT... -o OUTPUT`` on the command line; from your own job::

    from presslens.spark import analyse_pages, pages_dataframe, write_tables
    results = analyse_pages(pages_dataframe(spark, ["s3a://bucket/crawl/*.warc.gz"]))
    write_tables(results, "s3a://bucket/presslens/")

PySpark is an optional extra (``pip install presslens[spark]``): nothing here imports it at
module level, so ``presslens --help`` works without it.
"""

from presslens.spark.job import SparkRun, analyse_pages, pages_dataframe, run, write_tables
from presslens.spark.session import build_session

__all__ = ["SparkRun", "analyse_pages", "build_session", "pages_dataframe", "run", "write_tables"]
