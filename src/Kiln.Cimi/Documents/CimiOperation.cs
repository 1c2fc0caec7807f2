namespace Kiln.Cimi;

/// <summary>
/// An operation a resource or collection offers: <c>rel</c> is <c>add</c>, <c>edit</c> or <c>delete</c> for the
/// resource operations, a full URI for actions (<see cref="CimiUris.CaptureAction"/>); <c>href</c> is absolute.
/// XML <c>&lt;operation rel=".." href=".."/&gt;</c>, JSON <c>{"rel": "..", "href": ".."}</c> in <c>operations</c>.
/// </summary>
public sealed record CimiOperation(string Rel, string Href);
