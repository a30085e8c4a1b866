package firewall

import (
	"fmt"
	"strings"
)

// renderStmt prints one nft JSON statement roughly as `nft list ruleset`
// would, so a rule shown in the facts reads like the ruleset an operator
// wrote. What it cannot print it shows as compact JSON.
func renderStmt(e any) string {
	m, ok := e.(map[string]any)
	if !ok || len(m) != 1 {
		return compact(e)
	}
	for k, b := range m {
		switch k {
		case "match":
			mm, _ := b.(map[string]any)
			op := str(mm["op"])
			s := renderExpr(mm["left"])
			switch op {
			case "==", "in":
				return s + " " + renderExpr(mm["right"])
			default:
				return s + " " + op + " " + renderExpr(mm["right"])
			}
		case "accept", "drop", "return", "continue", "counter", "notrack", "masquerade":
			return k
		case "reject":
			return "reject"
		case "jump", "goto":
			bm, _ := b.(map[string]any)
			return k + " " + str(bm["target"])
		case "log":
			bm, _ := b.(map[string]any)
			if p := str(bm["prefix"]); p != "" {
				return fmt.Sprintf("log prefix %q", p)
			}
			return "log"
		case "limit":
			bm, _ := b.(map[string]any)
			over := ""
			if bm["inv"] == true {
				over = "over "
			}
			return fmt.Sprintf("limit rate %s%s/%s", over, renderExpr(bm["rate"]), str(bm["per"]))
		case "dnat", "snat":
			bm, _ := b.(map[string]any)
			s := k + " to " + renderExpr(bm["addr"])
			if bm["port"] != nil {
				s += ":" + renderExpr(bm["port"])
			}
			return s
		case "vmap":
			bm, _ := b.(map[string]any)
			return renderExpr(bm["key"]) + " vmap " + renderExpr(bm["data"])
		}
	}
	return compact(e)
}

func renderExpr(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if !x {
			return "missing"
		}
		return "exists"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = renderExpr(e)
		}
		return strings.Join(parts, ",")
	case map[string]any:
		if len(x) != 1 {
			return compact(x)
		}
		for k, b := range x {
			bm, _ := b.(map[string]any)
			switch k {
			case "payload":
				return str(bm["protocol"]) + " " + str(bm["field"])
			case "meta":
				key := str(bm["key"])
				switch key {
				case "iifname", "oifname", "iif", "oif", "l4proto", "nfproto", "pkttype", "iiftype":
					if key == "l4proto" || key == "nfproto" {
						return "meta " + key
					}
					return key
				}
				return "meta " + key
			case "ct":
				return "ct " + str(bm["key"])
			case "fib":
				fl, _ := bm["flags"].([]any)
				return "fib " + renderExpr(fl) + " " + str(bm["result"])
			case "set":
				l, _ := b.([]any)
				parts := make([]string, len(l))
				for i, e := range l {
					if pair, ok := e.([]any); ok && len(pair) == 2 {
						parts[i] = renderExpr(pair[0]) + " : " + renderExpr(pair[1])
						continue
					}
					parts[i] = renderExpr(e)
				}
				return "{ " + strings.Join(parts, ", ") + " }"
			case "range":
				l, _ := b.([]any)
				if len(l) == 2 {
					return renderExpr(l[0]) + "-" + renderExpr(l[1])
				}
			case "prefix":
				return str(bm["addr"]) + "/" + renderExpr(bm["len"])
			case "elem":
				return renderExpr(bm["val"])
			case "&":
				l, _ := b.([]any)
				if len(l) == 2 {
					return renderExpr(l[0]) + " & (" + strings.ReplaceAll(renderExpr(l[1]), ",", "|") + ")"
				}
			case "accept", "drop", "return", "continue":
				return k
			case "jump", "goto":
				return k + " " + str(bm["target"])
			}
		}
		return compact(x)
	}
	if n, ok := num(v); ok {
		return fmt.Sprint(n)
	}
	return compact(v)
}
