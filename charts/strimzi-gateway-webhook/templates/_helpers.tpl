{{/*
Chart name, cut to 63 characters (the longest label value).
*/}}
{{- define "sgw.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of every object: the release name alone when it already contains the chart name.
*/}}
{{- define "sgw.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Labels of every object.
*/}}
{{- define "sgw.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "sgw.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: admission-webhook
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels that select the webhook Pods (Service, PodDisruptionBudget, topology spread).
*/}}
{{- define "sgw.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sgw.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "sgw.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "sgw.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "sgw.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The Secret holding the serving certificate (tls.crt, tls.key) mounted into the Pods.
*/}}
{{- define "sgw.tlsSecretName" -}}
{{- if eq .Values.certificates.mode "existingSecret" }}
{{- required "certificates.existingSecret.name is required when certificates.mode is existingSecret" .Values.certificates.existingSecret.name }}
{{- else }}
{{- printf "%s-tls" (include "sgw.fullname" .) }}
{{- end }}
{{- end }}

{{/*
Name of the cert-manager Certificate of the serving certificate (cert-manager injects its CA).
*/}}
{{- define "sgw.servingCertificateName" -}}
{{- printf "%s-serving" (include "sgw.fullname" .) }}
{{- end }}

{{/*
The webhook's clientConfig: the Service, the path given as the argument's .path, and the CA
bundle unless cert-manager injects it.
*/}}
{{- define "sgw.clientConfig" -}}
{{- $root := .root -}}
clientConfig:
  service:
    name: {{ include "sgw.fullname" $root }}
    namespace: {{ $root.Release.Namespace }}
    path: {{ .path }}
    port: {{ $root.Values.service.port }}
{{- if eq $root.Values.certificates.mode "existingSecret" }}
  caBundle: {{ required "certificates.existingSecret.caBundle (base64 of the PEM CA certificate) is required when certificates.mode is existingSecret" $root.Values.certificates.existingSecret.caBundle }}
{{- else if eq $root.Values.certificates.mode "files" }}
  caBundle: {{ required "certificates.files.caCrt (PEM CA certificate) is required when certificates.mode is files" $root.Values.certificates.files.caCrt | b64enc }}
{{- end }}
{{- end }}

{{/*
Which namespaces the API server sends to the webhook: never kube-system (by default) nor the
release namespace, so the webhook cannot block its own recovery; only the watched namespaces when
watchNamespaces is set, since objects elsewhere are not in the webhook's cache.
*/}}
{{- define "sgw.namespaceSelector" -}}
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values:
        {{- range (append (.Values.webhook.excludeNamespaces | default list) .Release.Namespace | uniq) }}
        - {{ . | quote }}
        {{- end }}
{{- with .Values.watchNamespaces }}
    - key: kubernetes.io/metadata.name
      operator: In
      values:
        {{- range . }}
        - {{ . | quote }}
        {{- end }}
{{- end }}
{{- end }}

{{/*
What the webhook reads, for the ClusterRole or each namespace's Role: the verbs its requests use and
no other (test/chart/chart_rbac_matches_code_test.cpp compares them). The watch cache lists and
watches; only Secrets are also read one by one. Secrets: the webhook GETs the broker certificate
Secrets by name and watches each with fieldSelector=metadata.name=<name>, which RBAC authorizes
against resourceNames, so rbac.secretNames can narrow all three verbs.
*/}}
{{/*
Read access to Namespaces, whose labels decide allowedRoutes `from: Selector`. Namespaces are
cluster-scoped, so this rule always lives in a ClusterRole; with watchNamespaces it names only
those (the webhook then reads each by name, with fieldSelector=metadata.name=<name>).
*/}}
{{- define "sgw.namespaceRule" -}}
- apiGroups:
    - ""
  resources:
    - namespaces
  {{- with .Values.watchNamespaces }}
  resourceNames:
    {{- range . }}
    - {{ . | quote }}
    {{- end }}
  {{- end }}
  verbs:
    - list
    - watch
{{- end }}

{{- define "sgw.rbacRules" -}}
- apiGroups:
    - kafka.strimzi.io
  resources:
    - kafkas
    - kafkanodepools
  verbs:
    - list
    - watch
- apiGroups:
    - gateway.networking.k8s.io
  resources:
    - tlsroutes
    - gateways
    - referencegrants
    - listenersets
  verbs:
    - list
    - watch
- apiGroups:
    - cert-manager.io
  resources:
    - certificates
  verbs:
    - list
    - watch
- apiGroups:
    - ""
  resources:
    - services
  verbs:
    - list
    - watch
- apiGroups:
    - ""
  resources:
    - secrets
  {{- with .Values.rbac.secretNames }}
  resourceNames:
    {{- range . }}
    - {{ . | quote }}
    {{- end }}
  {{- end }}
  verbs:
    - get
    - list
    - watch
{{- if .Values.audit.policyReports }}
- apiGroups:
    - wgpolicyk8s.io
  resources:
    - policyreports
  verbs:
    # list finds the reports of an earlier run; a server-side apply is a patch, and a create
    # too when the report does not exist yet.
    - list
    - create
    - patch
    - delete
{{- end }}
{{- end }}
