#!/bin/bash
# Render an archive on a Slurm cluster: one array task per shard, each on the
# cores Slurm gives it, reading and writing a shared file system. cablekit
# reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT,
# so --array=1-8 (or 0-7) means 8 shards with no --shard flag. A task that is
# requeued or run again resumes where it stopped.
#
#   job=$(sbatch --parsable slurm-array.sh)
#   sbatch --dependency=afterany:$job --wrap "npx cablekit manifest merge $OUT"
#
#SBATCH --job-name=cablekit-archive
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --output=cablekit-%A_%a.log
set -uo pipefail

ARCHIVE=${ARCHIVE:-/shared/cables/archive}
OUT=${OUT:-/shared/cables/out}
# Dates for cables that carry none: fixed, so every rerun gives the same bytes.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1262304000}

npx --yes cablekit@0.1.0 batch "$ARCHIVE" -o "$OUT" \
  --jobs "${SLURM_CPUS_PER_TASK:-1}" --to pdf,docx --progress json
code=$?
# 1 means some inputs failed: they are in the shard's manifest and a retry would
# fail them again, so the task is done. 2 (usage) or a crash fails the task.
if [ "$code" -le 1 ]; then exit 0; fi
exit "$code"
