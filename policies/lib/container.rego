package vouch.lib

# ctr_absent holds when the container scanner found no sign of a container
# engine on the host: container controls then skip instead of erroring.
ctr_absent if input.container.engine.installed == false

ctr_skip contains "no container engine on this host" if ctr_absent

# ctr_missing is missing(paths), except on a host with no engine at all.
ctr_missing(_) := set() if ctr_absent

ctr_missing(paths) := missing(paths) if not ctr_absent

# ctr_containers are the containers, empty when not collected.
ctr_containers := object.get(input, ["container", "containers"], [])

ctr_by_name[c.name] := c if some c in ctr_containers

# ctr_label is a container's value for a label, "" when unset.
ctr_label(c, key) := object.get(c, ["labels", key], "")

# ctr_shared_networks are networks whose members share an address space; the
# host and none modes join no one.
ctr_shared_networks contains n if {
	some n in object.get(input, ["container", "networks"], [])
	not n.name in {"host", "none"}
}

severity_rank := {"unknown": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}

# Image controls also judge configured image archives, which need no engine:
# they skip only when there is no engine and no image either.
ctr_images_absent if {
	ctr_absent
	count(object.get(input, ["container", "images"], {})) == 0
}

ctr_images_skip contains "no container engine and no image archive on this host" if ctr_images_absent

ctr_images_missing(_) := set() if ctr_images_absent

ctr_images_missing(paths) := missing(paths) if not ctr_images_absent
