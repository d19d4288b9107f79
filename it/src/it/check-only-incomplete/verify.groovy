String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('netpol-guard refused release "ledger"')
assert log.contains('1 workload is selected by no NetworkPolicy of its namespace')
assert log.contains('Deployment ledger-worker (pod labels: app=worker,release=ledger)')
assert log.contains('Set <checkOnly>false</checkOnly> (or -Dnetpol-guard.checkOnly=false)')
assert log.contains('whose podSelector matches {app=worker,release=ledger}')
assert !log.contains('ledger-web (pod labels')   // the selected workload is not listed
// the report is written either way
assert new File(basedir, 'target/netpol-guard/ledger-report.json').text.contains('"refused": true')
assert !new File(basedir, 'target/netpol-guard/ledger.yaml').exists()
return true
