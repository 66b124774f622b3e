#!/bin/sh
# Render an archive with an AWS Batch array job: 8 child jobs, each rendering
# one shard, then a merge job that waits for the whole array.
#
# AWS Batch sets AWS_BATCH_JOB_ARRAY_INDEX (0 to size − 1) and
# AWS_BATCH_JOB_ARRAY_SIZE in every child, so the job definition needs no
# --shard nor --shards: child 0 renders --shard 1/8, child 7 --shard 8/8.
# A --shards or CABLEKIT_SHARDS that differs from the array size is refused
# (exit 2) rather than leave part of the archive unrendered.
#
# aws-batch-job-definition.json runs on an EC2 compute environment whose
# instances mount a shared file system (EFS, FSx) at /mnt/cables, with the
# archive in /mnt/cables/archive (the container's /archive, read only) and the
# renders in /mnt/cables/out (/out). It treats exit 1 (some inputs failed,
# recorded in the manifest, not worth a retry) as success; a host that goes
# away is retried, and the retried child resumes where it stopped.
#
# Usage: JOB_QUEUE=my-queue sh aws-batch-submit.sh
set -eu

JOB_QUEUE=${JOB_QUEUE:?set JOB_QUEUE to an AWS Batch job queue}
SHARDS=${SHARDS:-8}
here=$(dirname "$0")

aws batch register-job-definition --cli-input-json "file://$here/aws-batch-job-definition.json" > /dev/null

array=$(aws batch submit-job --job-name cablekit-archive --job-queue "$JOB_QUEUE" \
  --job-definition cablekit-render --array-properties "size=$SHARDS" \
  --query jobId --output text)

# Depending on the array's parent job waits for every child. The merge exits 1
# when a shard is missing or incomplete, and prints the --shard that fills it.
aws batch submit-job --job-name cablekit-merge --job-queue "$JOB_QUEUE" \
  --job-definition cablekit-render --depends-on "jobId=$array" \
  --container-overrides '{"command":["npx","--yes","cablekit@0.1.0","manifest","merge","/out"]}' \
  --query jobId --output text

echo "array job $array submitted with $SHARDS children"
