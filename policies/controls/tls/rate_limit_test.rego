package vouch.controls.tls.rate_limit_test

import data.vouch.controls.tls.rate_limit

server(over) := object.union({"server_names": ["app.example.com"], "listen": ["443 ssl"], "public": true, "ssl": true, "rate_limited": true, "limits": ["limit_req zone=perip (http)"], "file": "/etc/nginx/sites-enabled/app", "line": 3}, over)

doc(servers) := {"web": {"nginx": {"installed": true, "source": "nginx -T", "servers": servers}}, "params": {}, "errors": {}}

test_rate_limited_public_server_passes if {
	rate_limit.deny == set() with input as doc([server({})])
	rate_limit.error == set() with input as doc([server({})])
	rate_limit.skip == set() with input as doc([server({})])
}

test_unlimited_loopback_server_passes if {
	rate_limit.deny == set() with input as doc([server({}), server({"public": false, "rate_limited": false, "limits": []})])
}

test_unlimited_public_server_fails if {
	s := server({"rate_limited": false, "limits": []})
	rate_limit.deny == {{"msg": "server app.example.com (listen 443 ssl, /etc/nginx/sites-enabled/app:3) has no limit_req or limit_conn", "data": s}} with input as doc([s])
}

test_no_nginx_skips if {
	i := {"web": {"nginx": {"installed": false, "source": "nginx -T", "servers": []}}, "params": {}, "errors": {}}
	rate_limit.skip == {"nginx is not installed on this host: no web server configuration to judge"} with input as i
	rate_limit.deny == set() with input as i
}

test_nginx_not_collected_errors if {
	i := {"web": {}, "params": {}, "errors": {"web.nginx": "nginx -T exited 1: unknown directive"}}
	rate_limit.error == {"facts web.nginx not collected: nginx -T exited 1: unknown directive"} with input as i
}
