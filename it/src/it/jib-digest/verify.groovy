import groovy.json.JsonSlurper

def jib = new JsonSlurper().parse(new File(basedir, 'target/jib-image.json'))
String digest = jib.imageDigest
assert digest ==~ /sha256:[0-9a-f]{64}/
assert new File(basedir, 'target/jib-image.tar').isFile()
String yaml = new File(basedir, 'target/netpol-guard/inventory.yaml').text
assert yaml.contains("image: \"registry.example.com/team/inventory:2.3.0@${digest}\"") : yaml
assert !yaml.contains('placeholder/inventory')
assert yaml.contains('name: inventory-netpol-guard')
assert new File(basedir, 'build.log').text.contains('netpol-guard: using the image Jib built')
return true
