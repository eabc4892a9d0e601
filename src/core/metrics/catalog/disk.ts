// Node disk I/O from node-exporter, per node and device (virtual devices filtered, see DISK_DEVICE_EXCLUDE).
// These explain WAL fsync / backend commit latency: the same node's iowait, utilisation and pressure.
import type { MetricDef, QueryParams } from '../types';
import type { Unit } from '../../types';
import { byNode, counterRate, diskSel, nodeSel } from '../build';
import { windowed } from '../kinds';

const d = 'disk' as const;

/** `sum by (node identity, device) (rate(node_disk_…[w]))`. */
function diskRate(p: QueryParams, name: string, w: string): string {
  return `sum ${byNode('device')} (${counterRate(p, diskSel(p, name), w)})`;
}

function perDevice(id: string, title: string, unit: Unit, counterName: string, description: string): MetricDef {
  return windowed({
    id,
    title,
    category: d,
    scope: 'node',
    unit,
    keyLabels: ['device'],
    description,
    over: (p, w) => diskRate(p, counterName, w),
  });
}

/** Mean time per completed operation: busy seconds / operations, both over the same window. */
function latency(id: string, title: string, timeCounter: string, opsCounter: string, what: string): MetricDef {
  return windowed({
    id,
    title,
    category: d,
    scope: 'node',
    unit: 'seconds',
    keyLabels: ['device'],
    description: `Mean ${what} latency per device (${timeCounter} / ${opsCounter}); null when the device did no ${what}s.`,
    avg: 'ratio',
    over: (p, w) => `${diskRate(p, timeCounter, w)} / ${diskRate(p, opsCounter, w)}`,
  });
}

export const diskMetrics: MetricDef[] = [
  perDevice('disk_read_bytes_rate', 'Disk read throughput', 'bytes_per_second', 'node_disk_read_bytes_total', 'Bytes read per second, per device.'),
  perDevice('disk_write_bytes_rate', 'Disk write throughput', 'bytes_per_second', 'node_disk_written_bytes_total', 'Bytes written per second, per device.'),
  perDevice('disk_read_iops', 'Disk read IOPS', 'per_second', 'node_disk_reads_completed_total', 'Read operations completed per second, per device.'),
  perDevice('disk_write_iops', 'Disk write IOPS', 'per_second', 'node_disk_writes_completed_total', 'Write operations completed per second, per device.'),
  latency('disk_read_latency_seconds', 'Disk read latency', 'node_disk_read_time_seconds_total', 'node_disk_reads_completed_total', 'read'),
  latency('disk_write_latency_seconds', 'Disk write latency', 'node_disk_write_time_seconds_total', 'node_disk_writes_completed_total', 'write'),
  windowed({
    id: 'disk_utilisation_percent',
    title: 'Disk utilisation',
    category: d,
    scope: 'node',
    unit: 'percent',
    keyLabels: ['device'],
    description: 'Share of time the device was busy (node_disk_io_time_seconds_total). Near 100 % the device is saturated (less telling for SSD/NVMe).',
    over: (p, w) => `100 * ${diskRate(p, 'node_disk_io_time_seconds_total', w)}`,
  }),
  windowed({
    id: 'node_iowait_percent',
    title: 'Node CPU iowait',
    category: d,
    scope: 'node',
    unit: 'percent',
    description: 'Share of CPU time spent waiting for I/O on the node, averaged over its CPUs. Healthy < 10 %.',
    over: (p, w) => `100 * avg ${byNode()} (${counterRate(p, nodeSel(p, 'node_cpu_seconds_total', 'mode="iowait"'), w)})`,
  }),
  windowed({
    id: 'io_pressure_percent',
    title: 'Node I/O pressure',
    category: d,
    scope: 'node',
    unit: 'percent',
    description: 'Share of time some task was stalled on I/O (PSI io "some", node_pressure_io_waiting_seconds_total). Needs Linux ≥ 4.20 with PSI on.',
    requires: 'Linux pressure stall information (PSI) in node-exporter',
    over: (p, w) => `100 * max ${byNode()} (${counterRate(p, nodeSel(p, 'node_pressure_io_waiting_seconds_total'), w)})`,
  }),
];
