"""A SparkSession configured the way PressLens needs it, for the CLI and the tests.

Why a helper: the same handful of settings decide whether a local run works on a laptop at all
(the driver bound to 127.0.0.1, the UI off, the executors' Python the driver's own) and whether
a cluster run oversubscribes its cores (one BLAS/onnxruntime thread per task). People who build
their own jobs keep their session and call :func:`presslens.spark.analyze_pages` instead.
"""

from __future__ import annotations

import os
import sys
from typing import Any

# Each Spark task is one Python worker analysing one partition; letting numpy/onnxruntime each
# start a thread per core on top of that oversubscribes the executor. One thread per task.
THREADS_PER_TASK = "1"
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def build_session(master: str | None = None, app_name: str = "presslens") -> Any:
    """A SparkSession for ``master`` (default ``local[*]``) with PressLens's settings applied."""
    from pyspark.sql import SparkSession

    # Executors must run the interpreter that has PressLens installed, not whatever `python3`
    # is first on PATH (the classic "ModuleNotFoundError: presslens" on the workers).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).master(master or "local[*]")
    local = (master or "local[*]").startswith("local")
    if local:  # else Spark binds to the first non-loopback interface it finds
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if local:
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
        )
    for name in THREAD_ENV:
        builder = builder.config(f"spark.executorEnv.{name}", THREADS_PER_TASK)
    builder = (
        builder.config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # Documents are a few hundred KB of JSON at most; small Arrow batches keep a worker's
        # memory flat and let one slow page delay only a few others.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.sql.session.timeZone", "UTC")
    )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
