package vouch.controls.tls.nginx_protocols_test

import data.vouch.controls.tls.nginx_protocols

server(over) := object.union({"server_names": ["app.example.com"], "listen": ["443 ssl"], "public": true, "ssl": true, "ssl_protocols": ["TLSv1.2", "TLSv1.3"], "ssl_protocols_default": false, "file": "/etc/nginx/sites-enabled/app", "line": 3}, over)

doc(servers) := {"web": {"nginx": {"installed": true, "servers": servers}}, "params": {"min_tls_version": "1.2"}, "errors": {}}

test_tls12_and_tls13_pass if {
	nginx_protocols.deny == set() with input as doc([server({})])
	nginx_protocols.error == set() with input as doc([server({})])
	nginx_protocols.skip == set() with input as doc([server({})])
}

test_tlsv1_fails if {
	s := server({"ssl_protocols": ["TLSv1", "TLSv1.1", "TLSv1.2"]})
	nginx_protocols.deny == {{"msg": "server app.example.com (/etc/nginx/sites-enabled/app:3) allows TLSv1 TLSv1.1; the minimum is TLS 1.2", "data": {"server_names": ["app.example.com"], "ssl_protocols": ["TLSv1", "TLSv1.1", "TLSv1.2"], "file": "/etc/nginx/sites-enabled/app", "line": 3}}} with input as doc([s])
}

test_unset_protocols_fail_with_the_default if {
	s := server({"ssl_protocols": ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"], "ssl_protocols_default": true})
	msgs := {d.msg | some d in nginx_protocols.deny} with input as doc([s])
	msgs == {"server app.example.com (/etc/nginx/sites-enabled/app:3) allows TLSv1 TLSv1.1 (nginx's default: ssl_protocols is not set); the minimum is TLS 1.2"}
}

test_plain_http_only_skips if {
	nginx_protocols.skip == {"no nginx server block has TLS enabled"} with input as doc([server({"ssl": false})])
}

test_no_nginx_skips if {
	i := {"web": {"nginx": {"installed": false, "servers": []}}, "params": {"min_tls_version": "1.2"}, "errors": {}}
	nginx_protocols.skip == {"nginx is not installed on this host: no web server configuration to judge"} with input as i
}

test_nginx_not_collected_errors if {
	i := {"web": {}, "params": {"min_tls_version": "1.2"}, "errors": {}}
	nginx_protocols.error == {"facts web.nginx not collected: no such facts in the document"} with input as i
}
