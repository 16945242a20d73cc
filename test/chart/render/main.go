// Command render renders a Helm 3 chart the way `helm template` does, for the chart tests and the
// static install bundle, on machines without Helm: it uses the same engine (Go's text/template
// with sprig) and builds from Debian's Go packages alone, without fetching anything.
//
// It implements the parts of Helm the chart uses: values.yaml merged with -f files and --set,
// --set-string and --set-file (dotted keys, scalar values), validation against
// values.schema.json, .Values, .Release, .Chart, .Capabilities, .Template, .Files (Get and
// GetBytes of the chart's files outside templates/), the Helm functions
// include, tpl, required, toYaml, fromYaml, toJson, fromJson and lookup (always empty), the chart's
// kubeVersion constraint, and the output of `helm template`: one `---` document per object,
// sorted by kind in Helm's install order, each headed by `# Source: <template>`.
//
//	render --chart DIR [--release NAME] [--namespace NS] [-f FILE]... [--set K=V]...
//	       [--set-string K=V]... [--set-file K=PATH]... [--kube-version V] [--api-versions GV]...
//	       [--notes] [--output FILE]
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	// Debian ships sprig v3 under its v1 import path (golang-github-masterminds-sprig-dev).
	"github.com/Masterminds/semver"
	"github.com/Masterminds/sprig"
	"github.com/xeipuuv/gojsonschema"
	"gopkg.in/yaml.v2"
)

// Metadata is Chart.yaml, with the field names templates use (.Chart.Name, .Chart.AppVersion).
type Metadata struct {
	APIVersion   string            `yaml:"apiVersion"`
	Name         string            `yaml:"name"`
	Version      string            `yaml:"version"`
	KubeVersion  string            `yaml:"kubeVersion"`
	Description  string            `yaml:"description"`
	Type         string            `yaml:"type"`
	Keywords     []string          `yaml:"keywords"`
	Home         string            `yaml:"home"`
	Sources      []string          `yaml:"sources"`
	Maintainers  []interface{}     `yaml:"maintainers"`
	Icon         string            `yaml:"icon"`
	AppVersion   string            `yaml:"appVersion"`
	Deprecated   bool              `yaml:"deprecated"`
	Annotations  map[string]string `yaml:"annotations"`
	Dependencies []interface{}     `yaml:"dependencies"`
}

// Files is .Files: the chart's own files that are no template, values or Chart.yaml, by path
// relative to the chart folder with forward slashes.
type Files map[string][]byte

// Get is a file's content as text; empty when there is no such file, as in Helm.
func (f Files) Get(name string) string { return string(f[name]) }

// GetBytes is a file's content as bytes.
func (f Files) GetBytes(name string) []byte { return f[name] }

// loadFiles reads what Helm puts in .Files: every file of the chart except Chart.yaml,
// values.yaml, values.schema.json and the templates/ and charts/ folders.
func loadFiles(chartDir string) (Files, error) {
	files := Files{}
	err := filepath.Walk(chartDir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(chartDir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if info.IsDir() {
			if rel == "templates" || rel == "charts" {
				return filepath.SkipDir
			}
			return nil
		}
		switch rel {
		case "Chart.yaml", "values.yaml", "values.schema.json":
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[rel] = data
		return nil
	})
	return files, err
}

// KubeVersion is .Capabilities.KubeVersion.
type KubeVersion struct {
	Version string
	Major   string
	Minor   string
}

func (k KubeVersion) String() string     { return k.Version }
func (k KubeVersion) GitVersion() string { return k.Version }

// VersionSet is .Capabilities.APIVersions.
type VersionSet []string

// Has tells whether a group/version or group/version/kind is served.
func (v VersionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

// Capabilities is .Capabilities.
type Capabilities struct {
	KubeVersion KubeVersion
	APIVersions VersionSet
	HelmVersion map[string]string
}

// The API versions a plain cluster serves, as `helm template` assumes without a cluster.
var defaultAPIVersions = []string{
	"v1", "apps/v1", "policy/v1", "rbac.authorization.k8s.io/v1", "admissionregistration.k8s.io/v1",
}

// Helm's install order; kinds not listed come after these, ordered by kind name.
var installOrder = []string{
	"Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
	"PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
	"PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
	"ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList",
	"RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController",
	"ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
	"IngressClass", "Ingress", "APIService",
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// override is one --set, --set-string or --set-file, applied in command-line order.
type override struct {
	kind  string
	value string
}

func main() {
	if err := run(os.Args[1:]); errors.Is(err, flag.ErrHelp) {
		return
	} else if err != nil {
		fmt.Fprintf(os.Stderr, "Error: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	chartDir := fs.String("chart", "", "chart folder (holds Chart.yaml)")
	release := fs.String("release", "release-name", "release name")
	namespace := fs.String("namespace", "default", "release namespace")
	kubeVersion := fs.String("kube-version", "v1.30.0", "Kubernetes version for .Capabilities")
	notes := fs.Bool("notes", false, "also print the rendered NOTES.txt after the manifests")
	output := fs.String("output", "", "write the manifests to this file instead of standard output")
	var valueFiles, apiVersions stringList
	var overrides []override
	fs.Var(&valueFiles, "f", "values file (repeatable; later files win)")
	fs.Var(&valueFiles, "values", "values file (repeatable; later files win)")
	fs.Var(&apiVersions, "api-versions", "extra API version for .Capabilities (repeatable)")
	for _, kind := range []string{"set", "set-string", "set-file"} {
		kind := kind
		fs.Func(kind, kind+" KEY=VALUE (repeatable; dotted keys)", func(v string) error {
			overrides = append(overrides, override{kind, v})
			return nil
		})
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *chartDir == "" || fs.NArg() != 0 {
		return errors.New("usage: render --chart DIR [--release NAME] [--namespace NS] [-f FILE]... [--set K=V]...")
	}

	meta, err := loadChart(*chartDir)
	if err != nil {
		return err
	}
	values, err := readValuesFile(filepath.Join(*chartDir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, file := range valueFiles {
		user, err := readValuesFile(file)
		if err != nil {
			return err
		}
		coalesce(values, user)
	}
	for _, o := range overrides {
		if err := applyOverride(values, o); err != nil {
			return err
		}
	}
	if err := validateSchema(*chartDir, meta.Name, values); err != nil {
		return err
	}
	caps, err := capabilities(*kubeVersion, apiVersions)
	if err != nil {
		return err
	}
	if meta.KubeVersion != "" {
		constraint, err := semver.NewConstraint(meta.KubeVersion)
		if err != nil {
			return fmt.Errorf("Chart.yaml kubeVersion %q: %v", meta.KubeVersion, err)
		}
		if !constraint.Check(semver.MustParse(caps.KubeVersion.Version)) {
			return fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s",
				meta.KubeVersion, caps.KubeVersion.Version)
		}
	}

	files, err := loadFiles(*chartDir)
	if err != nil {
		return err
	}
	top := map[string]interface{}{
		"Values": values,
		"Release": map[string]interface{}{
			"Name": *release, "Namespace": *namespace, "Service": "Helm",
			"IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		"Chart":        meta,
		"Capabilities": caps,
		"Files":        files,
	}
	rendered, err := renderTemplates(*chartDir, meta.Name, top)
	if err != nil {
		return err
	}
	documents, err := splitAndSort(rendered, meta.Name)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	for _, d := range documents {
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", d.source, d.content)
	}
	if *notes {
		if text, ok := rendered[meta.Name+"/templates/NOTES.txt"]; ok {
			fmt.Fprintf(&out, "NOTES:\n%s\n", strings.TrimSpace(text))
		}
	}
	if *output != "" {
		return os.WriteFile(*output, out.Bytes(), 0o644)
	}
	_, err = os.Stdout.Write(out.Bytes())
	return err
}

func loadChart(dir string) (*Metadata, error) {
	data, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	var meta Metadata
	if err := yaml.UnmarshalStrict(data, &meta); err != nil {
		return nil, fmt.Errorf("Chart.yaml: %v", err)
	}
	if meta.APIVersion != "v2" || meta.Name == "" || meta.Version == "" {
		return nil, errors.New("Chart.yaml: apiVersion v2, name and version are required")
	}
	if _, err := semver.StrictNewVersion(meta.Version); err != nil {
		return nil, fmt.Errorf("Chart.yaml: version %q is not SemVer 2: %v", meta.Version, err)
	}
	return &meta, nil
}

// readValuesFile reads YAML into the shape Helm gives templates: objects with string keys and
// every number a float64, because Helm converts YAML through JSON.
func readValuesFile(path string) (map[string]interface{}, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw interface{}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if raw == nil {
		return map[string]interface{}{}, nil
	}
	converted, err := viaJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	values, ok := converted.(map[string]interface{})
	if !ok {
		return nil, fmt.Errorf("%s: the top level is not a map", path)
	}
	return values, nil
}

func viaJSON(v interface{}) (interface{}, error) {
	data, err := json.Marshal(stringKeys(v))
	if err != nil {
		return nil, err
	}
	var out interface{}
	err = json.Unmarshal(data, &out)
	return out, err
}

func stringKeys(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, x := range t {
			m[fmt.Sprint(k)] = stringKeys(x)
		}
		return m
	case map[string]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, x := range t {
			m[k] = stringKeys(x)
		}
		return m
	case []interface{}:
		l := make([]interface{}, len(t))
		for i, x := range t {
			l[i] = stringKeys(x)
		}
		return l
	}
	return v
}

// coalesce merges user values into dst as Helm does: maps merge key by key, anything else
// replaces, and a null removes the default.
func coalesce(dst, src map[string]interface{}) {
	for key, value := range src {
		if value == nil {
			delete(dst, key)
			continue
		}
		srcMap, srcIsMap := value.(map[string]interface{})
		dstMap, dstIsMap := dst[key].(map[string]interface{})
		if srcIsMap && dstIsMap {
			coalesce(dstMap, srcMap)
			continue
		}
		dst[key] = value
	}
}

func applyOverride(values map[string]interface{}, o override) error {
	key, raw, found := strings.Cut(o.value, "=")
	if !found || key == "" {
		return fmt.Errorf("--%s %q: expected KEY=VALUE", o.kind, o.value)
	}
	var value interface{}
	switch o.kind {
	case "set-string":
		value = raw
	case "set-file":
		data, err := os.ReadFile(raw)
		if err != nil {
			return fmt.Errorf("--set-file %s: %v", key, err)
		}
		value = string(data)
	default:
		value = typedScalar(raw)
	}
	parts := strings.Split(key, ".")
	node := values
	for _, part := range parts[:len(parts)-1] {
		next, ok := node[part].(map[string]interface{})
		if !ok {
			next = map[string]interface{}{}
			node[part] = next
		}
		node = next
	}
	last := parts[len(parts)-1]
	if value == nil {
		delete(node, last)
	} else {
		node[last] = value
	}
	return nil
}

// typedScalar types a --set value like Helm: integers, booleans and null; anything else a string.
func typedScalar(raw string) interface{} {
	switch raw {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if i, err := strconv.ParseInt(raw, 10, 64); err == nil && (raw == "0" || !strings.HasPrefix(raw, "0")) {
		return i
	}
	return raw
}

func validateSchema(chartDir, chartName string, values map[string]interface{}) error {
	schema, err := os.ReadFile(filepath.Join(chartDir, "values.schema.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	document, err := json.Marshal(values)
	if err != nil {
		return err
	}
	result, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema),
		gojsonschema.NewBytesLoader(document))
	if err != nil {
		return fmt.Errorf("values.schema.json: %v", err)
	}
	if result.Valid() {
		return nil
	}
	var lines []string
	for _, e := range result.Errors() {
		lines = append(lines, fmt.Sprintf("- %s: %s", e.Field(), e.Description()))
	}
	sort.Strings(lines)
	return fmt.Errorf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s:\n%s",
		chartName, strings.Join(lines, "\n"))
}

func capabilities(version string, extra []string) (*Capabilities, error) {
	v, err := semver.NewVersion(version)
	if err != nil {
		return nil, fmt.Errorf("--kube-version %q: %v", version, err)
	}
	return &Capabilities{
		KubeVersion: KubeVersion{
			Version: "v" + v.String(),
			Major:   strconv.FormatUint(v.Major(), 10),
			Minor:   strconv.FormatUint(v.Minor(), 10),
		},
		APIVersions: append(append(VersionSet{}, defaultAPIVersions...), extra...),
		HelmVersion: map[string]string{"version": "v3"},
	}, nil
}

// renderTemplates parses every file under templates/ into one template set (so `include` sees the
// helpers) and executes those whose names do not start with `_`, keyed by template name.
func renderTemplates(chartDir, chartName string, top map[string]interface{}) (map[string]string, error) {
	root := template.New("gotpl").Option("missingkey=zero")
	funcs := helmFuncs(root)
	root.Funcs(funcs)
	var names []string
	templatesDir := filepath.Join(chartDir, "templates")
	err := filepath.Walk(templatesDir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, err := filepath.Rel(templatesDir, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		name := chartName + "/templates/" + filepath.ToSlash(rel)
		if _, err := root.New(name).Parse(string(data)); err != nil {
			return fmt.Errorf("parse error in %q: %v", name, err)
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := map[string]string{}
	for _, name := range names {
		if strings.HasPrefix(filepath.Base(name), "_") {
			continue
		}
		scope := make(map[string]interface{}, len(top)+1)
		for k, v := range top {
			scope[k] = v
		}
		scope["Template"] = map[string]interface{}{
			"Name": name, "BasePath": chartName + "/templates",
		}
		var buf strings.Builder
		if err := root.ExecuteTemplate(&buf, name, scope); err != nil {
			return nil, cleanExecError(err)
		}
		out[name] = strings.ReplaceAll(buf.String(), "<no value>", "")
	}
	return out, nil
}

var (
	execErrorMessage  = regexp.MustCompile(`error calling (?:required|fail): ([\s\S]*)$`)
	execErrorLocation = regexp.MustCompile(`template: ([^\s:]+:\d+:\d+)`)
)

// cleanExecError words a `required` or `fail` error as Helm does, naming the innermost template
// location, so messages read the same.
func cleanExecError(err error) error {
	text := err.Error()
	message := execErrorMessage.FindStringSubmatch(text)
	locations := execErrorLocation.FindAllStringSubmatch(text, -1)
	if message == nil || locations == nil {
		return err
	}
	return fmt.Errorf("execution error at (%s): %s", locations[len(locations)-1][1], message[1])
}

func helmFuncs(root *template.Template) template.FuncMap {
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	includeDepth := 0
	funcs["include"] = func(name string, data interface{}) (string, error) {
		includeDepth++
		defer func() { includeDepth-- }()
		if includeDepth > 1000 {
			return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
		}
		var buf strings.Builder
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err := clone.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf strings.Builder
		err = t.Execute(&buf, data)
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	funcs["required"] = func(message string, value interface{}) (interface{}, error) {
		if value == nil {
			return nil, errors.New(message)
		}
		if s, ok := value.(string); ok && s == "" {
			return nil, errors.New(message)
		}
		return value, nil
	}
	funcs["toYaml"] = func(v interface{}) string {
		data, err := toYAML(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	funcs["fromYaml"] = func(text string) map[string]interface{} {
		m := map[string]interface{}{}
		var raw interface{}
		if err := yaml.Unmarshal([]byte(text), &raw); err != nil {
			m["Error"] = err.Error()
			return m
		}
		if converted, err := viaJSON(raw); err == nil {
			if cm, ok := converted.(map[string]interface{}); ok {
				return cm
			}
		}
		return m
	}
	funcs["toJson"] = func(v interface{}) string {
		data, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(data)
	}
	funcs["fromJson"] = func(text string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	funcs["lookup"] = func(apiVersion, kind, namespace, name string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	return funcs
}

// toYAML marshals like Helm's toYaml: through JSON, then YAML with sorted keys.
func toYAML(v interface{}) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var generic interface{}
	if err := yaml.Unmarshal(data, &generic); err != nil {
		return nil, err
	}
	return yaml.Marshal(generic)
}

type document struct {
	source  string
	kind    string
	content string
	order   int
}

var documentSeparator = regexp.MustCompile(`(?:^|\s*\n)---\s*`)

// splitAndSort cuts each rendered template into its YAML documents, drops the empty ones, checks
// that each parses, and orders them as Helm installs them.
func splitAndSort(rendered map[string]string, chartName string) ([]document, error) {
	kindRank := map[string]int{}
	for i, k := range installOrder {
		kindRank[k] = i
	}
	var names []string
	for name := range rendered {
		names = append(names, name)
	}
	sort.Strings(names)
	var documents []document
	for _, name := range names {
		if name == chartName+"/templates/NOTES.txt" {
			continue
		}
		for _, part := range documentSeparator.Split(rendered[name], -1) {
			content := strings.TrimSpace(part)
			if content == "" {
				continue
			}
			var head struct {
				Kind string `yaml:"kind"`
			}
			if err := yaml.Unmarshal([]byte(content), &head); err != nil {
				return nil, fmt.Errorf("YAML parse error on %s: %v", name, err)
			}
			documents = append(documents, document{name, head.Kind, content, len(documents)})
		}
	}
	sort.SliceStable(documents, func(i, j int) bool {
		a, b := documents[i], documents[j]
		ra, aKnown := kindRank[a.kind]
		rb, bKnown := kindRank[b.kind]
		switch {
		case aKnown && bKnown && ra != rb:
			return ra < rb
		case aKnown != bKnown:
			return aKnown
		case !aKnown && a.kind != b.kind:
			return a.kind < b.kind
		}
		return a.source < b.source
	})
	return documents, nil
}
