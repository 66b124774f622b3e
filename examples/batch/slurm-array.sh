#!/bin/bash
# Render an archive on a Slurm cluster: one array task per shard, each on the
# cores Slurm gives it, reading and writing a shared file system. A task that
# is requeued or run again resumes where it stopped.
#
#   job=$(sbatch --parsable slurm-array.sh)
#   sbatch --dependency=afterany:$job --wrap "npx --yes cablekit@0.1.0 manifest merge $OUT"
#
# No --shard flag: cablekit reads SLURM_ARRAY_TASK_ID, _MIN, _MAX, _STEP and
# _COUNT, and renders shard (rank of the task among the array's ids) of
# SLURM_ARRAY_TASK_COUNT. So --array=1-8, 0-7, 0-14:2 and 1,3,5,7,9,11,13,15
# all mean 8 shards. A list that is not evenly spaced (3,10-12) cannot be
# ranked from Slurm's variables and its tasks fail with exit 2; so does a
# --shards that differs from the array's size. `sbatch --array=…` on the
# command line overrides the line below.
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
# The command to run, split on spaces: a pinned release by default, or for
# example CABLEKIT="node /opt/cablekit/packages/cli/bin/cablekit.js".
read -r -a cablekit <<< "${CABLEKIT:-npx --yes cablekit@0.1.0}"
# Dates for cables that carry none: fixed, so every rerun gives the same bytes.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1262304000}

"${cablekit[@]}" batch "$ARCHIVE" -o "$OUT" \
  --jobs "${SLURM_CPUS_PER_TASK:-1}" --to "${FORMATS:-pdf,docx}" --progress json
code=$?
# 1 means some inputs failed: they are in the shard's manifest and a retry would
# fail them again, so the task is done. 2 (usage) or a crash fails the task.
if [ "$code" -le 1 ]; then exit 0; fi
exit "$code"
