namespace Kiln.Builder.Appliances;

/// <summary>The XKB layout codes Debian's keyboard-configuration accepts in XKBLAYOUT.</summary>
public static class KeyboardLayouts
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "us", "ad", "af", "ara", "al", "am", "at", "au", "az", "by", "be", "bd", "in", "ba", "br", "bg", "dz", "ma",
        "cm", "mm", "ca", "cd", "cn", "hr", "cz", "dk", "nl", "bt", "ee", "ir", "iq", "fo", "fi", "fr", "gh", "gn",
        "ge", "de", "gr", "hu", "is", "il", "it", "jp", "kg", "kh", "kz", "la", "latam", "lt", "lv", "mao", "me",
        "mk", "mt", "mn", "no", "pl", "pt", "ro", "ru", "rs", "si", "sk", "es", "se", "ch", "sy", "tj", "lk", "th",
        "tr", "tw", "ua", "gb", "uz", "vn", "kr", "ie", "pk", "mv", "za", "epo", "np", "ng", "et", "sn", "brai",
        "tm", "ml", "tz", "tg", "ke", "bw", "ph", "md", "id", "my",
    };

    public static bool IsKnown(string layout) => Known.Contains(layout);
}
