namespace Kiln.Cimi;

/// <summary>
/// An error answer. CIMI defines no error document and its schema has no element for one, so this one is Kiln's and
/// lives outside the CIMI namespace: XML <c>&lt;error xmlns="urn:kiln:cimi:1"&gt;&lt;status&gt;404&lt;/status&gt;
/// &lt;message&gt;..&lt;/message&gt;&lt;path&gt;/cimi/..&lt;/path&gt;&lt;/error&gt;</c>, JSON
/// <c>{"status": 404, "message": "..", "path": "/cimi/.."}</c>. <see cref="Path"/> (the request's path) is left out when null.
/// </summary>
public sealed record CimiError(int Status, string Message, string? Path = null);
