File out = new File(basedir, 'target/netpol-guard/shop-api.yaml')
assert out.isFile() : "isolated manifests missing: ${out}"
String yaml = out.text
assert yaml.contains('name: shop-api-shop-api')
assert yaml.contains('netpol-guard.io/release: "shop-api"') || yaml.contains('netpol-guard.io/release: shop-api')
assert yaml.contains('kind: NetworkPolicy')
assert yaml.contains('name: shop-api-netpol-guard')
String report = new File(basedir, 'target/netpol-guard/shop-api-report.json').text
assert report.contains('"refused": false')
String log = new File(basedir, 'build.log').text
assert log.contains('netpol-guard: rendering with embedded Helm 3')
assert log.contains('wrote ') && log.contains('BUILD SUCCESS')
return true
