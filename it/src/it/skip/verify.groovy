String log = new File(basedir, 'build.log').text
assert log.contains('netpol-guard: skipped (netpol-guard.skip=true)')
assert !new File(basedir, 'target/netpol-guard').exists()
return true
