// The openshift profile against live data labelled exactly as OpenShift labels it (etcd 3.4.23 names), through
// route discovery. Its own bed on port offset 5000, started once for the file and stopped after (by PID).
import { describeOpenShiftLive } from '../helpers/openshiftLiveChecks';

describeOpenShiftLive('openshift profile on the OpenShift-labelled live bed', 5000, 'openshift');
