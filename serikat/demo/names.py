"""Word lists for deterministic demo data. Written for this project; any likeness is chance."""

WOMEN = [
    "Siti", "Dewi", "Sri", "Nur", "Rina", "Yuni", "Wati", "Lestari", "Ani", "Fitri", "Ratna", "Indah", "Maya",
    "Putri", "Rini", "Nining", "Endang", "Suryani", "Kartika", "Ayu", "Dian", "Lia", "Novi", "Eka", "Tuti",
    "Rahma", "Aisyah", "Nurul", "Umi", "Yanti", "Heni", "Sari", "Wulan", "Ika", "Mega", "Rosita",
]
MEN = [
    "Agus", "Budi", "Joko", "Slamet", "Eko", "Bambang", "Dedi", "Hendra", "Rudi", "Andi", "Asep", "Ujang",
    "Wahyu", "Yusuf", "Rahmat", "Hadi", "Iwan", "Sugeng", "Teguh", "Bayu", "Ade", "Dodi", "Fajar", "Rizki",
    "Imam", "Arif", "Dwi", "Tri", "Heru", "Nanang", "Supri", "Darto", "Kurniawan", "Ridwan", "Taufik", "Yogi",
]
FAMILY = [
    "Saputra", "Setiawan", "Hidayat", "Nugroho", "Pratama", "Wibowo", "Santoso", "Kusuma", "Permana",
    "Gunawan", "Susanto", "Hakim", "Firmansyah", "Siregar", "Nasution", "Simanjuntak", "Lubis", "Harahap",
    "Sihombing", "Purba", "Wijaya", "Rahayu", "Suhendra", "Maulana", "Ramadhan", "Hasibuan", "Sembiring",
    "Tarigan", "Munthe", "Syahputra", "Hermawan", "Kurnia", "Pangaribuan", "Manurung", "Rangkuti",
]
COMPANY_WORDS = [
    "Sinar", "Cahaya", "Mitra", "Karya", "Jaya", "Abadi", "Sentosa", "Perkasa", "Makmur", "Prima", "Mega",
    "Surya", "Indah", "Bumi", "Nusantara", "Mandiri", "Utama", "Sejahtera", "Gemilang", "Agung", "Lestari",
    "Persada", "Cipta", "Daya", "Tunggal", "Anugerah", "Samudra", "Mulia", "Harapan", "Bintang",
]
SECTOR_WORDS = {
    "metal": ["Logam", "Baja", "Metalindo", "Presisi", "Tempa"],
    "electronics": ["Elektronik", "Elektrindo", "Semikonduktor", "Komponen Elektrik"],
    "automotive": ["Otomotif", "Motor", "Autoparts", "Komponen", "Mesin"],
    "shipbuilding": ["Galangan", "Bahari", "Maritim", "Marine"],
    "aerospace": ["Dirgantara", "Aero", "Avionik"],
    "garment": ["Garmen", "Tekstil", "Busana", "Apparel", "Sepatu"],
    "food": ["Pangan", "Food", "Boga", "Minuman"],
    "chemicals": ["Kimia", "Plastik", "Petrokimia", "Cat"],
    "energy": ["Energi", "Tambang", "Migas"],
    "pharma": ["Farma", "Medika", "Husada"],
    "health": ["Rumah Sakit", "Klinik", "Medika"],
    "banking": ["Finansial", "Artha", "Dana"],
    "retail": ["Niaga", "Retailindo", "Swalayan"],
    "services": ["Jasa", "Layanan", "Solusi"],
    "logistics": ["Logistik", "Ekspedisi", "Transportasi"],
}
