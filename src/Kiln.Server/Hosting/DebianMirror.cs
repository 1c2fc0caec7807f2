namespace Kiln.Server.Hosting;

/// <summary>The Debian mirror builds and package searches use (Kiln:Mirror, else this machine's APT sources).</summary>
public sealed record DebianMirror(string Url);
