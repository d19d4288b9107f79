String yaml = new File(basedir, 'target/netpol-guard/ledger.yaml').text
assert yaml.contains('name: ledger-own')
assert !yaml.contains('netpol-guard.io/release')   // nothing injected in check-only mode
assert !yaml.contains('ledger-netpol-guard')
assert new File(basedir, 'target/netpol-guard/ledger-report.json').text.contains('"refused": false')
assert new File(basedir, 'build.log').text.contains('0 policy(ies) added, all selected')
return true
