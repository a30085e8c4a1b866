package container

// Facts is the container section of a facts document.
type Facts struct {
	// Engine says whether a container engine is installed and reachable.
	Engine Engine `json:"engine"`
	// Containers are every container the engine knows, running or not. Nil
	// when they could not be listed (the reason is in errors["container.containers"]).
	Containers []Container `json:"containers,omitempty"`
	// Networks are the engine's networks with their member containers.
	Networks []Network `json:"networks,omitempty"`
	// Images are the images the containers were started from, plus any image
	// archive or layout configured for the scan, keyed by image id.
	Images map[string]Image `json:"images,omitempty"`
	// VulnDB describes the offline vulnerability database the images were
	// matched against; nil when none was configured or it could not be read.
	VulnDB *VulnDB `json:"vuln_db,omitempty"`
}

// Engine describes the Docker Engine on the target.
type Engine struct {
	// Installed is false only when no sign of a Docker Engine was found
	// (no dockerd binary, no socket, no DOCKER_HOST): controls then skip.
	Installed bool `json:"installed"`
	// Reachable is true when the engine answered.
	Reachable bool `json:"reachable"`
	// Endpoint is the socket or URL spoken to, or the recording read.
	Endpoint string `json:"endpoint,omitempty"`
	// Version and APIVersion are what the engine reported.
	Version    string `json:"version,omitempty"`
	APIVersion string `json:"api_version,omitempty"`
	// Evidence lists what showed the engine is installed (paths, DOCKER_HOST).
	Evidence []string `json:"evidence,omitempty"`
	// Error is why the engine could not be read, when Installed and not Reachable.
	Error string `json:"error,omitempty"`
}

// Container is one container's configuration as the engine reports it.
type Container struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	State   string `json:"state"`
	Running bool   `json:"running"`
	// Image is the reference the container was created from, as given
	// ("redis:7", "redis@sha256:...", "sha256:..."); ImageID the resolved id.
	Image   string `json:"image"`
	ImageID string `json:"image_id"`
	// PinnedByDigest is true when Image names content by digest or id, so the
	// container cannot silently change when a tag moves.
	PinnedByDigest bool              `json:"pinned_by_digest"`
	Labels         map[string]string `json:"labels"`
	// User is the effective user (container config, which the engine fills
	// from the image when the run did not set one); "" means root.
	User            string   `json:"user"`
	RunsAsRoot      bool     `json:"runs_as_root"`
	Privileged      bool     `json:"privileged"`
	CapAdd          []string `json:"cap_add"`
	CapDrop         []string `json:"cap_drop"`
	SecurityOpt     []string `json:"security_opt"`
	NoNewPrivileges bool     `json:"no_new_privileges"`
	ReadOnlyRootfs  bool     `json:"read_only_rootfs"`
	// NetworkMode, PIDMode, IPCMode, UTSMode are the namespace modes ("host"
	// shares the host's).
	NetworkMode string  `json:"network_mode"`
	PIDMode     string  `json:"pid_mode"`
	IPCMode     string  `json:"ipc_mode"`
	UTSMode     string  `json:"uts_mode"`
	Mounts      []Mount `json:"mounts"`
	Ports       []Port  `json:"ports"`
	// Networks are the names of the networks the container is attached to.
	Networks      []string      `json:"networks"`
	RestartPolicy RestartPolicy `json:"restart_policy"`
	// Healthcheck is nil when neither the container nor its image defines one.
	Healthcheck *Healthcheck `json:"healthcheck"`
	// Env holds each environment variable as a hashed value, never the value.
	Env []Value `json:"env"`
	// PackageChanges are the container's filesystem changes (docker diff)
	// under package databases; nil when not collected (not running, or the
	// diff failed: see DiffError).
	PackageChanges []Change `json:"package_changes"`
	DiffError      string   `json:"diff_error,omitempty"`
}

// Mount is a volume, bind or tmpfs mount of a container.
type Mount struct {
	Type        string `json:"type"`
	Source      string `json:"source"`
	Destination string `json:"destination"`
	RW          bool   `json:"rw"`
	Mode        string `json:"mode"`
}

// Port is a published port.
type Port struct {
	ContainerPort string `json:"container_port"`
	Protocol      string `json:"protocol"`
	HostIP        string `json:"host_ip"`
	HostPort      string `json:"host_port"`
}

// RestartPolicy is the engine's restart policy.
type RestartPolicy struct {
	Name              string `json:"name"`
	MaximumRetryCount int    `json:"max_retries"`
}

// Healthcheck is a container healthcheck.
type Healthcheck struct {
	Test     []string `json:"test"`
	Disabled bool     `json:"disabled"`
}

// Change is one filesystem change reported by docker diff.
type Change struct {
	Path string `json:"path"`
	Kind string `json:"kind"` // added, changed, deleted
}

// Network is an engine network and its members.
type Network struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Driver string `json:"driver"`
	// Members are container names.
	Members []string `json:"members"`
}

// Image is what the image itself says: config and installed software.
type Image struct {
	ID           string            `json:"id"`
	Refs         []string          `json:"refs"`
	Source       string            `json:"source"` // daemon, docker-archive:PATH, oci:PATH
	User         string            `json:"user"`
	ExposedPorts []string          `json:"exposed_ports"`
	Healthcheck  *Healthcheck      `json:"healthcheck"`
	Labels       map[string]string `json:"labels"`
	HistoryCount int               `json:"history_count"`
	// Values are the env entries, labels and history assignments of the
	// image config, hashed and classified.
	Values []Value `json:"values"`
	// OS is read from etc/os-release in the layers.
	OS *OS `json:"os,omitempty"`
	// Packages are the installed packages by name; PackageDBs the package
	// databases found; PackageManagers the package manager binaries present.
	Packages        map[string]Package `json:"packages"`
	PackageDBs      []string           `json:"package_dbs"`
	PackageManagers []string           `json:"package_managers"`
	// Vulnerabilities found by the offline database; nil when not matched
	// (VulnError says why).
	Vulnerabilities []Vulnerability `json:"vulnerabilities"`
	VulnError       string          `json:"vuln_error,omitempty"`
	// InventoryError is why the layers could not be read; the config fields
	// above may still be set.
	InventoryError string `json:"inventory_error,omitempty"`
	// Warnings name odd layer entries that were not followed (path traversal).
	Warnings []string `json:"warnings,omitempty"`
}

// OS names the distribution of an image.
type OS struct {
	ID        string `json:"id"`
	VersionID string `json:"version_id"`
}

// Package is an installed package.
type Package struct {
	Version       string `json:"version"`
	SourceName    string `json:"source_name,omitempty"`
	SourceVersion string `json:"source_version,omitempty"`
	Arch          string `json:"arch,omitempty"`
	Manager       string `json:"manager"` // dpkg, apk
}

// Vulnerability is one advisory matching an installed package.
type Vulnerability struct {
	ID               string `json:"id"`
	Package          string `json:"package"`
	InstalledVersion string `json:"installed_version"`
	FixedVersion     string `json:"fixed_version,omitempty"`
	Severity         string `json:"severity"`
}

// VulnDB describes the vulnerability database used.
type VulnDB struct {
	Path       string `json:"path"`
	UpdatedAt  string `json:"updated_at"`
	NextUpdate string `json:"next_update,omitempty"`
	Schema     int    `json:"schema"`
}

// Value is a configuration value reduced to what can be judged without it:
// where it was, its key, a SHA-256 of the value, an entropy estimate and the
// kinds of secret it looks like. The value itself is never kept.
type Value struct {
	Where       string   `json:"where"` // env, label, history
	Key         string   `json:"key"`
	SHA256      string   `json:"sha256"`
	Length      int      `json:"length"`
	EntropyBits float64  `json:"entropy_bits"`
	Kinds       []string `json:"kinds,omitempty"` // private_key, aws_access_key
}
