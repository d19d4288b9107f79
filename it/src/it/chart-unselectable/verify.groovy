String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /netpol-guard-maven-plugin:[^:]+:isolate/
assert log.contains('Job (release namespace)/batch-tool-cleanup')
assert log.contains('has a pod template with no labels')
assert log.contains('Set <injectLabels>true</injectLabels>')
assert !log.contains('--no-inject-labels')
assert !new File(basedir, 'target/netpol-guard/batch-tool.yaml').exists()
return true
