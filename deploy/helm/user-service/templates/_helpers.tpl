{{/* Chart name, cut to the 63 characters Kubernetes allows in a name. */}}
{{- define "user-service.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, with the chart name appended unless it already contains it. */}}
{{- define "user-service.fullname" -}}
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

{{- define "user-service.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "user-service.labels" -}}
helm.sh/chart: {{ include "user-service.chart" . }}
{{ include "user-service.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the service's pods (never change them on upgrade: selectors are immutable). */}}
{{- define "user-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "user-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "user-service.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "user-service.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "user-service.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/* The Secret holding the secret settings: an existing one, or the chart's. */}}
{{- define "user-service.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- include "user-service.fullname" . }}
{{- end }}
{{- end }}

{{/* Where the JWT signing key is mounted; JWT_PRIVATE_KEY_FILE points at it. */}}
{{- define "user-service.jwtKeyFile" -}}
/etc/user-service/jwt/jwt-signing-key.pem
{{- end }}

{{/*
Environment from the Secret. Optional keys (Redis, extra database servers, bootstrap super-admin) are
left unset when absent: the service treats an empty value as an error, not as "unset".
*/}}
{{- define "user-service.secretEnv" -}}
{{- $secret := include "user-service.secretName" . }}
{{- $keys := .Values.secrets.keys -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.databaseUrl }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.redisUrl }}
      optional: true
- name: TENANT_DATABASE_SERVERS
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.tenantDatabaseServers }}
      optional: true
- name: BOOTSTRAP_SUPERADMIN_EMAIL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.bootstrapSuperAdminEmail }}
      optional: true
- name: BOOTSTRAP_SUPERADMIN_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.bootstrapSuperAdminPassword }}
      optional: true
{{- /* Required in the Secret the chart makes; optional in an existingSecret made before the setting existed
       (then each pod would generate its own key: add it). */}}
- name: SECOND_FACTOR_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.secondFactorKey }}
      optional: true
{{- end }}
