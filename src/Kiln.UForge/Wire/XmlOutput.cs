using System.Xml;

namespace Kiln.UForge.Wire;

/// <summary>The writer of an XML document; XmlWriter takes no token, so codecs check this one between items.</summary>
internal sealed class XmlOutput(XmlWriter writer, CancellationToken cancellationToken)
{
    public XmlWriter Writer => writer;

    public CancellationToken CancellationToken => cancellationToken;
}
