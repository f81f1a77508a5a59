#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, to try `runner run SPEC --executor slurm` without
# a real cluster (the same set-up as the Slurm tests' harness, SlurmCluster.java).
#
#   scripts/local-slurm-cluster.sh start DIR   # writes DIR/slurm.conf, starts munged, slurmctld, slurmd
#   export SLURM_CONF=DIR/slurm.conf           # then sbatch, squeue, runner ... --executor slurm use it
#   scripts/local-slurm-cluster.sh stop DIR    # stops the daemons (DIR is kept: logs, state)
#
# Needs Debian's slurm-wlm and munge, and root (or sudo): the daemons run as root.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo)

case "$action" in
  start)
    for tool in munged slurmctld slurmd sinfo; do
      command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || {
        echo "error: $tool is not installed; install it with: apt-get install slurm-wlm munge" >&2; exit 1; }
    done
    host=$(hostname -s)
    free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
    mem_mb=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 * 8 / 10 ))
    mkdir -p "$dir"/{state,spool,log}
    cat > "$dir/slurm.conf" <<EOF
ClusterName=oodlocal
SlurmctldHost=$host
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
# A requeued job waits for its credential to expire before it starts again: 120 s by default.
AuthInfo=cred_expire=10
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MinJobAge=600
NodeName=$host CPUs=$(nproc) RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    if ! (munge -n | unmunge) >/dev/null 2>&1; then
      "${sudo[@]}" mkdir -p /run/munge
      "${sudo[@]}" munged --force
    fi
    "${sudo[@]}" slurmctld -f "$dir/slurm.conf"
    "${sudo[@]}" slurmd -f "$dir/slurm.conf"
    for _ in $(seq 1 100); do
      [[ "$(SLURM_CONF=$dir/slurm.conf sinfo -h -o %t 2>/dev/null)" == idle ]] && {
        echo "Slurm is up. Now: export SLURM_CONF=$dir/slurm.conf"; exit 0; }
      sleep 0.3
    done
    echo "error: the Slurm node did not become idle; see $dir/log" >&2
    exit 1
    ;;
  stop)
    for pid in "$dir/slurmd.pid" "$dir/slurmctld.pid"; do
      [[ -f $pid ]] && "${sudo[@]}" kill "$(cat "$pid")" 2>/dev/null || true
    done
    echo "stopped (logs and state kept in $dir)"
    ;;
  *) usage ;;
esac
