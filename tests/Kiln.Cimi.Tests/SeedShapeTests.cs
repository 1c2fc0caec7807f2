using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>The seed's XML (Deltacloud's MachineImage pages) reproduced element by element from equivalent documents.</summary>
public class SeedShapeTests
{
    [Fact]
    public void Machine_image_collection_xml_matches_the_seed_shape()
    {
        XmlAssert.SameShape(Seed.Collection, Bodies.XmlRoot(Samples.SeedCollection));
    }

    [Fact]
    public void Machine_image_xml_matches_the_seed_shape()
    {
        var image = Samples.SeedImage("img1", "Fedora 10", new DateTimeOffset(2012, 12, 28, 16, 55, 42, TimeSpan.FromHours(2)));

        XmlAssert.SameShape(Seed.SingleImage, Bodies.XmlRoot(image));
    }

    [Fact]
    public void Create_answer_xml_matches_the_seed_shape()
    {
        var image = Samples.SeedImage("some_name", "my new machine image", new DateTimeOffset(2012, 12, 28, 17, 10, 12, TimeSpan.FromHours(2)));

        XmlAssert.SameShape(Seed.CreateAnswer, Bodies.XmlRoot(image));
    }

    [Fact]
    public void The_root_declares_the_cimi_namespace_as_default_and_children_are_unprefixed()
    {
        var text = Bodies.Text(Bodies.Xml(Samples.SeedCollection));

        Assert.Contains(
            """<Collection xmlns="http://schemas.dmtf.org/cimi/1" resourceURI="http://schemas.dmtf.org/cimi/1/MachineImageCollection">""",
            text,
            StringComparison.Ordinal);
        Assert.Contains("<MachineImage>", text, StringComparison.Ordinal);
        Assert.Contains("""<operation rel="add" href="http://localhost:3001/cimi/machine_images" />""", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xmlns:", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("xmlns=").Length - 1);
    }

    [Fact]
    public void Single_image_root_carries_its_resourceURI_as_the_seed_does()
    {
        var text = Bodies.Text(Bodies.Xml(Samples.SeedImage("img1", "Fedora 10", Samples.Created)));

        Assert.Contains(
            """<MachineImage xmlns="http://schemas.dmtf.org/cimi/1" resourceURI="http://schemas.dmtf.org/cimi/1/MachineImage">""",
            text,
            StringComparison.Ordinal);
        Assert.Contains("<created>2012-12-28T16:23:35+02:00</created>", text, StringComparison.Ordinal);
    }
}
