String yaml = new File(basedir, 'target/netpol-guard/legacy.yaml').text
assert yaml.contains('# Source: api.yaml')
assert yaml.contains('# Source: nightly.yml')
assert yaml.contains('kind: CronJob')
assert yaml.contains('name: legacy-netpol-guard')
// both pod templates carry the release label, the CronJob's too
assert yaml.count('netpol-guard.io/release: "legacy"') + yaml.count("netpol-guard.io/release: 'legacy'") + yaml.count('netpol-guard.io/release: legacy') >= 3
assert new File(basedir, 'target/netpol-guard/legacy-report.json').text.contains('"refused": false')
return true
