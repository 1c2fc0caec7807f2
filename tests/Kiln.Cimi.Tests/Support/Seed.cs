using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kiln.Cimi.Tests.Support;

/// <summary>
/// The XML bodies of the Deltacloud seed (reference/seeds/deltacloud-cimi-machine-images.html), in the page's order:
/// the collection answer, the single image answer, the create request, the create answer.
/// </summary>
internal static partial class Seed
{
    private static readonly Lazy<IReadOnlyList<string>> Bodies = new(Load);

    public static XElement Collection => XElement.Parse(Bodies.Value[0]);

    public static XElement SingleImage => XElement.Parse(Bodies.Value[1]);

    public static string CreateRequest => Bodies.Value[2];

    public static XElement CreateAnswer => XElement.Parse(Bodies.Value[3]);

    private static List<string> Load()
    {
        var page = File.ReadAllText(RepositoryFiles.Path("reference", "seeds", "deltacloud-cimi-machine-images.html"));
        var bodies = new List<string>();
        foreach (Match pre in PreBlock().Matches(page))
        {
            // Each block is an HTTP message: the body starts at its first line that opens an element.
            var message = WebUtility.HtmlDecode(pre.Groups[1].Value);
            var start = message.IndexOf("\n<", StringComparison.Ordinal);
            if (start >= 0)
            {
                bodies.Add(message[(start + 1)..].Trim());
            }
        }

        return bodies.Count == 4 ? bodies : throw new InvalidOperationException($"expected 4 XML bodies in the seed, found {bodies.Count}");
    }

    [GeneratedRegex("<pre>(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex PreBlock();
}
